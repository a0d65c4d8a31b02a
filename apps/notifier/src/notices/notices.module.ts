import { Module } from '@nestjs/common';
import { NoticeChannels } from '../channels/notice-channels';
import { NoticeClaimer } from './notice-claimer';
import { NoticeDeliverer } from './notice-deliverer';
import { NoticeFollower } from './notice-follower';
import { NoticeWorker } from './notice-worker';
import { NotifierMetrics } from './notifier-metrics';
import { TokenUseReader } from './token-use-reader';

/** The notices: the schedule follower, the claims, the deliveries and the worker that runs them. */
@Module({
  providers: [
    NoticeChannels,
    NoticeFollower,
    NotifierMetrics,
    TokenUseReader,
    NoticeClaimer,
    NoticeDeliverer,
    NoticeWorker,
  ],
  exports: [NoticeFollower, NoticeWorker],
})
export class NoticesModule {}
