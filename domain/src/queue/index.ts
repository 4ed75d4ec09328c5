export * from './slots.ts';
export * from './order.ts';
export * from './wait.ts';
export * from './ticket.ts';
