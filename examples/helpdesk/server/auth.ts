// Demo tokens: `<userId>.<HMAC of the userId>`. They need no session table, so they stay valid
// across a restart of the server, as a real JWT would.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { VerifiedUser } from "../generated/backend/src/libs/socket/emitters";
import { agents, type Agent } from "./store";

const secret = process.env.HELPDESK_SECRET ?? "helpdesk-demo-secret";

function sign(userId: number): string {
  return createHmac("sha256", secret).update(String(userId)).digest("base64url");
}

export function login(email: string, password: string): { token: string; agent: Agent } | undefined {
  const agent = agents.find((candidate) => candidate.email === email && candidate.password === password);
  return agent ? { token: `${agent.id}.${sign(agent.id)}`, agent } : undefined;
}

export function agentOfToken(token: string): Agent | undefined {
  const [id, signature] = token.split(".");
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || signature === undefined) {
    return undefined;
  }
  const expected = Buffer.from(sign(userId));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return undefined;
  }
  return agents.find((agent) => agent.id === userId);
}

export function verifyToken(token: string): VerifiedUser | undefined {
  const agent = agentOfToken(token);
  return agent ? { companyId: agent.companyId, userId: agent.id } : undefined;
}
