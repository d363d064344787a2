const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What PostgreSQL's uuid type accepts in its canonical form. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
