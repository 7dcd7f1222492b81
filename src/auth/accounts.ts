// Who may log in, and with which role: an accounts file (password hashes) and/or one token from the environment.
import { createHash, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { InvalidConfigError } from "../errors/runtime-errors.js";
import { verifyPassword } from "./password.js";

/** viewer: reads everything, changes nothing; operator: may also retry, promote, clean and remove jobs. */
export const ROLES = ["viewer", "operator"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  user: string;
  role: Role;
}

const accountsSchema = z.object({
  accounts: z
    .array(
      z.object({
        user: z.string().min(1).max(100),
        password: z
          .string()
          .startsWith("scrypt$", "must be a hash made by `sohoa dashboard --hash-password`"),
        role: z.enum(ROLES).default("viewer"),
      }),
    )
    .min(1),
});

export interface AuthConfig {
  accounts: Array<{ user: string; password: string; role: Role }>;
  /** A shared secret for scripts and single-user setups; at least 16 characters. */
  token?: { value: string; role: Role };
}

/** Reads an accounts file (YAML or JSON): `accounts: [{ user, password: <hash>, role }]`. */
export async function loadAccounts(file: string): Promise<AuthConfig["accounts"]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InvalidConfigError(
      `cannot read the accounts file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const parsed = accountsSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidConfigError(`${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`, {
      hint: "accounts: [{ user: ana, password: 'scrypt$…', role: operator }]",
    });
  }
  return parsed.data.accounts;
}

export function tokenFrom(value: string | undefined, role: Role): AuthConfig["token"] {
  if (value === undefined || value === "") return undefined;
  if (value.length < 16)
    throw new InvalidConfigError("the dashboard token must be at least 16 characters", {
      hint: "e.g. openssl rand -hex 24",
    });
  return { value, role };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** The principal for a user name and password, or a token; undefined when neither matches. */
export async function authenticate(
  config: AuthConfig,
  credentials: { user?: string; password?: string; token?: string },
): Promise<Principal | undefined> {
  if (
    credentials.token !== undefined &&
    config.token &&
    timingSafeEqual(digest(credentials.token), digest(config.token.value))
  ) {
    return { user: "token", role: config.token.role };
  }
  if (credentials.user === undefined || credentials.password === undefined) return undefined;
  const account = config.accounts.find((a) => a.user === credentials.user);
  // Unknown users cost a hash too, so timing does not tell which names exist.
  const ok = await verifyPassword(
    credentials.password,
    account?.password ??
      "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  );
  return ok && account ? { user: account.user, role: account.role } : undefined;
}
