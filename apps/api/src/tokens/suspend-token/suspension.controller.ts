import { Body, Controller, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/current-user.decorator';
import type { UserPrincipal } from '../../auth/principals';
import { API_V1 } from '../../http/api-prefix';
import type { ActingAs } from '../acting-as';
import type { AdminTokenItemResponse } from '../list-all-tokens/admin-token-item.response';
import type { TokenItemResponse } from '../token-item.response';
import { TokenIdPipe } from '../token-id.pipe';
import { SuspensionChangeCommand, type SuspensionChange } from './suspension-change.command';
import { SuspensionReasonDto } from './suspension-reason.dto';
import { SuspensionRoute } from './suspension-route.decorator';

/** Suspend and reactivate: an owner's own tokens, and an admin's on anyone's. */
@Controller(API_V1)
export class SuspensionController {
  constructor(private readonly commands: CommandBus) {}

  @SuspensionRoute('SuspendToken', 'owner')
  suspend(
    @CurrentUser() user: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: SuspensionReasonDto,
    @Req() request: FastifyRequest,
  ): Promise<TokenItemResponse> {
    return this.change('SuspendToken', 'owner', user, tokenId, body, request);
  }

  @SuspensionRoute('ReactivateToken', 'owner')
  reactivate(
    @CurrentUser() user: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: SuspensionReasonDto,
    @Req() request: FastifyRequest,
  ): Promise<TokenItemResponse> {
    return this.change('ReactivateToken', 'owner', user, tokenId, body, request);
  }

  @SuspensionRoute('SuspendToken', 'admin')
  suspendAny(
    @CurrentUser() admin: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: SuspensionReasonDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminTokenItemResponse> {
    return this.change('SuspendToken', 'admin', admin, tokenId, body, request);
  }

  @SuspensionRoute('ReactivateToken', 'admin')
  reactivateAny(
    @CurrentUser() admin: UserPrincipal,
    @Param('id', TokenIdPipe) tokenId: string,
    @Body() body: SuspensionReasonDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminTokenItemResponse> {
    return this.change('ReactivateToken', 'admin', admin, tokenId, body, request);
  }

  private change<Item extends TokenItemResponse>(
    change: SuspensionChange,
    as: ActingAs,
    user: UserPrincipal,
    tokenId: string,
    body: SuspensionReasonDto,
    request: FastifyRequest,
  ): Promise<Item> {
    return this.commands.execute<SuspensionChangeCommand, Item>(
      new SuspensionChangeCommand(user, tokenId, change, body.reason ?? null, request.id, as),
    );
  }
}
