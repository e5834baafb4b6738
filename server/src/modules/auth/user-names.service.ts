import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { UserEntity } from './user.entity';

/** Display names of users by id, batched per request (names only, nothing else of the user). */
@Injectable()
export class UserNamesService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  loader(loaders: RequestLoaders): DataLoader<string, string | null> {
    return loaders.get(
      'user.displayName',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.users.find({
            select: { id: true, displayName: true },
            where: { id: In([...ids]) },
          });
          const names = new Map(rows.map((u) => [u.id, u.displayName]));
          return ids.map((id) => names.get(id) ?? null);
        }),
    );
  }
}
