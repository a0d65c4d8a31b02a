export class ExpireTokenCommand {
  constructor(readonly tokenId: string) {}
}
