// Password hashes and the login check of src/auth: right password in, wrong password, unknown user and foreign hashes out.
import { describe, expect, it } from "vitest";
import { authenticate, hashPassword, tokenFrom, verifyPassword } from "../../src/auth/index.js";

describe("auth", () => {
  it("hashes with a fresh salt and verifies only the right password", async () => {
    const a = await hashPassword("mật khẩu dài");
    const b = await hashPassword("mật khẩu dài");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("mật khẩu dài", a)).toBe(true);
    // NFC and NFD spellings of the same Vietnamese text are the same password.
    expect(await verifyPassword("mật khẩu dài".normalize("NFD"), a)).toBe(true);
    expect(await verifyPassword("mat khau dai", a)).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999$8$1$AAAA$AAAA")).toBe(false);
  });

  it("authenticates accounts and the token with their roles", async () => {
    const config = {
      accounts: [{ user: "ana", password: await hashPassword("pw-ana"), role: "operator" as const }],
      token: tokenFrom("t".repeat(20), "viewer"),
    };
    expect(await authenticate(config, { user: "ana", password: "pw-ana" })).toEqual({
      user: "ana",
      role: "operator",
    });
    expect(await authenticate(config, { user: "ana", password: "pw-bob" })).toBeUndefined();
    expect(await authenticate(config, { user: "bob", password: "pw-ana" })).toBeUndefined();
    expect(await authenticate(config, { token: "t".repeat(20) })).toEqual({ user: "token", role: "viewer" });
    expect(await authenticate(config, { token: "t".repeat(19) })).toBeUndefined();
    expect(() => tokenFrom("short", "viewer")).toThrow(/at least 16/);
  });
});
