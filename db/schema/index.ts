export * from './activity';
export * from './audit';
export * from './config';
export * from './customers';
export * from './master';
export * from './operations';
export * from './pipeline';
export * from './sync';
