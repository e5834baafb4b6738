/**
 * The field arguments of a field resolver that takes none.
 *
 * graphql-js calls every field resolver with `(parent, args, context, info)`. A `@ResolveField`
 * method without parameter decorators (`@Parent()`, `@Context()`, `@Info()`, `@CurrentActor()`)
 * is handed to graphql-js as it is, and Nest is not involved when it runs. With a parameter
 * decorator every call — once per field and per row — goes through Nest's context creator: the
 * parameters' pipes and three async wrappers, a handful of promises and closures each. The field
 * resolvers of the pages read most (a body, its submissions, their versions) therefore take
 * graphql-js's arguments as they come: `(s: Submission, _args: NoArgs, ctx: GraphqlContext, info)`.
 * Fields with arguments keep `@Args()`, which the schema is built from.
 */
export type NoArgs = Record<string, never>;
