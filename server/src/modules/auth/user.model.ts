import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '../../common/permissions';

registerEnumType(Role, { name: 'Role', description: 'What a user may do, within their scope' });

@ObjectType({ description: 'A user account' })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field()
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID)
  organizationId: string;

  @Field()
  isDemo: boolean;
}

@ObjectType({ description: 'The signed-in user and what they may do' })
export class Viewer {
  @Field(() => User)
  user: User;

  @Field(() => [String], { description: 'Permission names granted by the role' })
  permissions: string[];

  @Field({ description: 'When the session ends' })
  expiresAt: Date;
}

@InputType()
export class SignInInput {
  @Field()
  username: string;

  @Field()
  password: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  username: string;

  @Field()
  displayName: string;

  @Field()
  password: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID)
  organizationId: string;
}
