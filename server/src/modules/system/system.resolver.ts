import { Query, Resolver } from '@nestjs/graphql';
import { RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { SystemStatus } from './system.model';
import { SystemService } from './system.service';

export const APP_VERSION = '0.1.0';

@Resolver(() => SystemStatus)
export class SystemResolver {
  constructor(private readonly system: SystemService) {}

  @Query(() => SystemStatus, { description: 'Server and database status (admins)' })
  @RequirePermission(Permission.SystemRead)
  async systemStatus(): Promise<SystemStatus> {
    const [database, tables] = await Promise.all([
      this.system.databaseHealth(),
      this.system.tableSizes(),
    ]);
    return {
      version: APP_VERSION,
      uptimeSeconds: this.system.uptimeSeconds(),
      databaseUp: database.status === 'up',
      databaseVersion: database.version,
      tables,
    };
  }
}
