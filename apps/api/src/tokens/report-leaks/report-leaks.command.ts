export class ReportLeaksCommand {
  constructor(
    readonly candidates: readonly string[],
    readonly correlationId: string,
  ) {}
}
