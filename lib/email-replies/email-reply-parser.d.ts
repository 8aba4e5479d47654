// email-reply-parser ships no types; this is the part Chorus uses.
declare module 'email-reply-parser' {
  class Email {
    getVisibleText(): string;
  }
  export default class EmailReplyParser {
    read(text: string): Email;
  }
}
