// Differences from the real kubectl found by the harness and not fixed yet, by command line: each
// of these tests is expected to fail (it.fails), so fixing one makes it show up here to be removed.
export const KNOWN: Readonly<Record<string, string>> = {

}
