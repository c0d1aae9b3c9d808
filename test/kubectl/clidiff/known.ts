// Differences from the real kubectl that the harness finds and that are not fixed yet, by command
// line: each such test is expected to fail (it.fails), so a fix shows up as a failure here until
// its line is removed. Empty: every difference found so far is fixed or deliberate (see matrix.ts).
export const KNOWN: Readonly<Record<string, string>> = {}
