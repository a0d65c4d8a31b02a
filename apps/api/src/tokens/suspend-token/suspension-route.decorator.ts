import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, UserRoute } from '../../auth/user-route.decorator';
import { ApiJsonBodyProblems, ApiProblemResponse, ApiProblems } from '../../docs/api-problems.decorator';
import { TOKEN_CHANGE_409_CODES } from '../../docs/problem-codes';
import type { ActingAs } from '../acting-as';
import { AdminTokenItemResponse } from '../list-all-tokens/admin-token-item.response';
import { TokenItemResponse } from '../token-item.response';
import { ApiTokenIdParam } from '../token-id-param.decorator';
import type { SuspensionChange } from './suspension-change.command';
import { SuspensionReasonDto } from './suspension-reason.dto';

const VERB: Record<SuspensionChange, { path: string; summary: string; description: string }> = {
  SuspendToken: {
    path: 'suspend',
    summary: 'Suspend',
    description:
      'Records TokenSuspended: the token is refused (401 token_suspended) until it is reactivated, and its ' +
      'expiry notices wait. Suspending a suspended token records nothing.',
  },
  ReactivateToken: {
    path: 'reactivate',
    summary: 'Reactivate',
    description:
      'Records TokenReactivated: the token is accepted again until its expiry (which suspension does not move), ' +
      'and a notice that fell due meanwhile is sent then. Reactivating an active token records nothing.',
  },
};

const AUDIENCE: Record<ActingAs, { prefix: string; subject: string; tag: string }> = {
  owner: { prefix: 'tokens', subject: 'one of your tokens', tag: 'tokens' },
  admin: { prefix: 'admin/tokens', subject: "any user's token (admins only; the event names the admin)", tag: 'admin' },
};

/** `POST tokens/:id/suspend` and its kin: the route, its guard and its documentation. */
export function SuspensionRoute(change: SuspensionChange, as: ActingAs): MethodDecorator {
  const verb = VERB[change];
  const audience = AUDIENCE[as];
  return applyDecorators(
    Post(`${audience.prefix}/:id/${verb.path}`),
    as === 'admin' ? AdminRoute() : UserRoute(),
    HttpCode(200),
    ApiTags(audience.tag),
    ApiBearerAuth('user-jwt'),
    ApiTokenIdParam(),
    ApiOperation({
      summary: `${verb.summary} ${audience.subject}`,
      description: `${verb.description} A revoked or expired token is refused with 409 token_not_active.`,
    }),
    ApiBody({ type: SuspensionReasonDto, required: false }),
    ApiOkResponse({ type: as === 'admin' ? AdminTokenItemResponse : TokenItemResponse }),
    ApiJsonBodyProblems(),
    as === 'admin' ? ApiProblems(401, 403, 404, 503) : ApiProblems(401, 404, 503),
    ApiProblemResponse(409, TOKEN_CHANGE_409_CODES),
  );
}
