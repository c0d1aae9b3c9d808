/** A failure the learner can fix: one clear sentence, no stack trace, a non-zero exit. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'UserError'
  }
}

/** The learner stopped a command (Ctrl-C): not an error, so it is said without `error:`; exit 130. */
export class Interrupted extends UserError {
  constructor(message: string) {
    super(message, 130)
    this.name = 'Interrupted'
  }
}
