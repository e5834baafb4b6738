import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageArgs, connectionType } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { Organization } from '../organizations';

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

  @Field({ description: 'Whether the account may sign in' })
  active: boolean;

  @Field({
    description: 'Holds a one-time password: every operation but changing it is refused until then',
  })
  mustChangePassword: boolean;

  @Field(() => Date, { nullable: true })
  lastSignInAt: Date | null;

  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  passwordChangedAt: Date | null;

  @Field()
  createdAt: Date;
}

export const UserConnection = connectionType(User, 'User');

@ObjectType({ description: 'The signed-in user and what they may do' })
export class Viewer {
  @Field(() => User)
  user: User;

  @Field(() => [String], { description: 'Permission names granted by the role' })
  permissions: string[];

  @Field({ description: 'When the session ends' })
  expiresAt: Date;

  @Field({
    description:
      'Signed in with a one-time password: only me, signOut and changeOwnPassword are allowed',
  })
  mustChangePassword: boolean;
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

  @Field(() => String, {
    nullable: true,
    description: 'Leave out to have a one-time password generated (changed at first sign-in)',
  })
  password?: string | null;

  @Field(() => Role)
  role: Role;

  @Field(() => ID)
  organizationId: string;
}

@ObjectType({ description: 'A created account, with its one-time password when one was generated' })
export class CreatedUser {
  @Field(() => User)
  user: User;

  @Field(() => String, {
    nullable: true,
    description: 'Shown this once; never stored in clear or logged',
  })
  oneTimePassword: string | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the username, display name or organization name',
  })
  search?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'Accounts of this organization and below' })
  scopeOrganizationId?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class CreateBureauAccountsInput {
  @Field(() => ID)
  scopeOrganizationId: string;
}

@ObjectType({ description: 'A reporting body that would get, or got, a bureau account' })
export class BureauAccount {
  @Field(() => Organization)
  organization: Organization;

  @Field()
  username: string;

  @Field(() => String, { nullable: true, description: 'Only in the creation payload' })
  oneTimePassword: string | null;

  @Field(() => ID, { nullable: true })
  userId: string | null;
}

@ObjectType({ description: 'Reporting bodies under a scope that have no active account yet' })
export class BureauAccountsPreview {
  @Field(() => Int)
  count: number;

  @Field(() => [BureauAccount])
  accounts: BureauAccount[];
}

@ObjectType()
export class CreatedBureauAccounts {
  @Field(() => [BureauAccount])
  accounts: BureauAccount[];

  @Field(() => ID, {
    description:
      'POST /api/accounts/handout/<id> downloads the sheet once (within 15 minutes, by the same admin)',
  })
  handoutId: string;

  @Field()
  handoutExpiresAt: Date;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  userId: string;
}

@ObjectType()
export class PasswordReset {
  @Field(() => User)
  user: User;

  @Field({ description: 'Shown this once' })
  oneTimePassword: string;
}

@InputType()
export class SetUserActiveInput {
  @Field(() => ID)
  userId: string;

  @Field()
  active: boolean;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  userId: string;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;
}

@InputType()
export class ChangeOwnPasswordInput {
  @Field()
  currentPassword: string;

  @Field()
  newPassword: string;
}
