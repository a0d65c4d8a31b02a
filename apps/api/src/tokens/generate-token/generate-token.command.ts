import type { UserPrincipal } from '../../auth/principals';
import type { GenerateTokenDto } from './generate-token.dto';

export class GenerateTokenCommand {
  constructor(
    readonly user: UserPrincipal,
    readonly request: GenerateTokenDto,
    readonly correlationId: string,
  ) {}
}
