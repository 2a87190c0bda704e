/** Liveness of the admin app; public, as load balancers need it without a session. */
export function GET() {
  return Response.json({ status: 'ok' });
}
