// The TypeScript side of order.js: content('Order') is typed as OrderContent everywhere.
export interface OrderContent {
  number: string;
  tenantId: string;
  customerId: string;
  status: 'open' | 'paid' | 'shipped';
  total: number;
  shipTo?: { name?: string; country?: string };
}

declare module 'jest-environment-mesh/client' {
  interface MeshContentTypes {
    Order: OrderContent;
  }
}
