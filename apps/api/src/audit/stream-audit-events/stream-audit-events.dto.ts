import { OmitType } from '@nestjs/swagger';
import { ListAuditEventsDto } from '../list-audit-events/list-audit-events.dto';

/** The filters of the paged audit log, and `after` to start somewhere other than the beginning. */
export class StreamAuditEventsDto extends OmitType(ListAuditEventsDto, ['limit'] as const) {}
