/** How long a section's plain text may be (textFromDoc), enforced in the editor and on the server. */
export const MAX_SECTION_CHARACTERS = 200_000;
