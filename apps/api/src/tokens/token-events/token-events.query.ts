export class GetTokenEventsQuery {
  constructor(
    readonly userId: string,
    readonly tokenId: string,
  ) {}
}
