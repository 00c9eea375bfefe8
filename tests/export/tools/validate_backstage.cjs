// Validate Backstage entities with Backstage's own catalog model (the catalog's policies
// and each kind's schema). Reads a JSON array of entities on stdin, prints one JSON object
// {"errors": ["<kind>:<name>: <message>", ...]} and exits 1 when any entity is invalid.
const model = require("@backstage/catalog-model");

const policy = model.EntityPolicies.allOf([
  new model.DefaultNamespaceEntityPolicy(),
  new model.FieldFormatEntityPolicy(),
  new model.NoForeignRootFieldsEntityPolicy(),
  new model.SchemaValidEntityPolicy(),
]);
const validators = {
  System: model.systemEntityV1alpha1Validator,
  Component: model.componentEntityV1alpha1Validator,
  Group: model.groupEntityV1alpha1Validator,
  User: model.userEntityV1alpha1Validator,
};

async function main() {
  const input = require("fs").readFileSync(0, "utf8");
  const entities = JSON.parse(input);
  const errors = [];
  for (const entity of entities) {
    const where = `${entity.kind}:${entity.metadata && entity.metadata.name}`;
    try {
      await policy.enforce(entity);
      const validator = validators[entity.kind];
      if (!validator) {
        errors.push(`${where}: no validator for kind ${entity.kind}`);
      } else if (!(await validator.check(entity))) {
        errors.push(`${where}: not a ${entity.kind} entity`);
      }
    } catch (error) {
      errors.push(`${where}: ${error.message}`);
    }
  }
  process.stdout.write(JSON.stringify({ errors, checked: entities.length }));
  process.exit(errors.length ? 1 : 0);
}

main();
