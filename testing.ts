/**
 * Test helpers: a real local DynamoDB (dynalite) started in-process.
 *
 * @module
 */
export {};
