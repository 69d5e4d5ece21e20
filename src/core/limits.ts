/**
 * Length caps shared by every field, so client, server and database agree. Plain numbers in a
 * module of their own: the store caps the registration draft with them without loading zod.
 */
export const LIMITS = {
  id: 64,
  email: 254,
  password: 128,
  name: 100,
  street: 150,
  postcode: 16,
  city: 100,
  institution: 150,
  customerNumber: 32,
  title: 200,
  label: 80,
  url: 2048,
  key: 64,
  token: 256,
  /** A field error's dot path. */
  fieldPath: 100,
} as const;
