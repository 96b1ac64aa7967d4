/**
 * Says which Node.js runs the tests: npm scripts put the `node` devDependency (the Lambda runtime's major)
 * first on the PATH, whatever the machine's own Node.js is. test/infra/stacks.test.ts holds them in step.
 */
export default function setup(): void {
  console.log(`Node.js ${process.version} (${process.execPath})`);
}
