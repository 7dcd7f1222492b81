import sharp from "sharp";
const file = process.argv[2]!;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function t(label: string, f: () => Promise<unknown>, n = 5) {
  await f();
  const c = cpu();
  const w = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(
    label.padEnd(28),
    ((cpu() - c) / n).toFixed(1),
    "cpu ms",
    ((performance.now() - w) / n).toFixed(1),
    "wall ms",
  );
}
const meta = await sharp(file).metadata();
console.log(meta.width, meta.height, meta.channels, meta.format);
const g = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
const red = () => sharp(file).extractChannel("red").raw().toBuffer();
const raw = { raw: { width: g.info.width, height: g.info.height, channels: 1 as const } };
await t("decode grey", () => sharp(file).greyscale().raw().toBuffer());
await t("decode red", red);
await t("resize 640 from raw", () =>
  sharp(g.data, raw).resize(640, 905, { fit: "fill" }).extractChannel(0).raw().toBuffer(),
);
await t("resize 1200 linear", () =>
  sharp(g.data, raw).resize(849, 1200, { fit: "fill", kernel: "linear" }).extractChannel(0).raw().toBuffer(),
);
const s = 0.8,
  a = (3 * Math.PI) / 180;
const m: [number, number, number, number] = [
  s * Math.cos(a),
  -s * Math.sin(a),
  s * Math.sin(a),
  s * Math.cos(a),
];
await t("affine 3deg 0.8 bilinear", () =>
  sharp(g.data, raw)
    .affine(m, { background: "#ffffff", interpolator: "bilinear" })
    .extractChannel(0)
    .raw()
    .toBuffer(),
);
await t("resize 0.8 only", () =>
  sharp(g.data, raw)
    .resize(Math.round(g.info.width * 0.8))
    .extractChannel(0)
    .raw()
    .toBuffer(),
);
await t("jpeg shrink 1/2 decode", () =>
  sharp(file)
    .resize(Math.round(g.info.width / 2))
    .greyscale()
    .raw()
    .toBuffer(),
);
