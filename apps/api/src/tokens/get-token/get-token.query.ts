export class GetTokenQuery {
  constructor(
    readonly userId: string,
    readonly tokenId: string,
  ) {}
}
