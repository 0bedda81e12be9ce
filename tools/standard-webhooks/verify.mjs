// Verifies deliveries with the reference implementation of Standard Webhooks (the npm package standardwebhooks).
// Reads a JSON array of {secret, headers, body} on stdin; writes a JSON array of {ok, error} in the same order.
// The tests run the portal on a clock of their own, so each delivery is checked as at its own timestamp: the
// signature and its format are the reference's to judge here; the tolerance window is not.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map(({ secret, headers, body }) => {
  const realNow = Date.now;
  Date.now = () => Number(headers["webhook-timestamp"]) * 1000;
  try {
    new Webhook(secret).verify(body, headers);
    return { ok: true, error: null };
  } catch (error) {
    return { ok: false, error: String(error && error.message ? error.message : error) };
  } finally {
    Date.now = realNow;
  }
});
process.stdout.write(JSON.stringify(results));
