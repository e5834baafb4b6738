import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Row count of one database table' })
export class TableSize {
  @Field()
  name: string;

  @Field(() => Int)
  rows: number;
}

@ObjectType({ description: 'Health of the running server' })
export class SystemStatus {
  @Field()
  version: string;

  @Field(() => Int)
  uptimeSeconds: number;

  @Field()
  databaseUp: boolean;

  @Field(() => String, { nullable: true })
  databaseVersion: string | null;

  @Field(() => [TableSize])
  tables: TableSize[];
}
