import { Injectable, type PipeTransform } from '@nestjs/common';
import { TokenNotFoundError } from '@pat/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Token ids are UUIDs; anything else is a token that does not exist. */
@Injectable()
export class TokenIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new TokenNotFoundError(value.slice(0, 64));
    return value.toLowerCase();
  }
}
