export class ExpireTokenByPolicyCommand {
  constructor(readonly tokenId: string) {}
}
