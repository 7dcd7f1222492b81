// The login form: a user and password, or a token; plain HTML, no scripts.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loginPage(title: string, message?: string): string {
  return (
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} – log in</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:16px system-ui;max-width:22rem;margin:4rem auto}label{display:block;margin:.6rem 0}` +
    `input{width:100%;padding:.4rem}p.e{color:#a00}</style>
</head><body><h1>${escape(title)}</h1>${message ? `<p class="e">${escape(message)}</p>` : ""}
<form method="post" action="/login">
<label>User <input name="user" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<p>or</p>
<label>Token <input name="token" type="password" autocomplete="off"></label>
<button type="submit">Log in</button>
</form></body></html>
`
  );
}
