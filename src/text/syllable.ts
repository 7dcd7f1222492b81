// Vietnamese syllable inventory by rule: onset + rhyme + tone, with the fixed spelling rules of the Latin script.

/** Combining tone marks (NFD): sắc, huyền, hỏi, ngã, nặng. */
const TONES = /[\u0301\u0300\u0309\u0303\u0323]/g;
const TONE_OF: Record<string, string> = {
  "\u0301": "sac",
  "\u0300": "huyen",
  "\u0309": "hoi",
  "\u0303": "nga",
  "\u0323": "nang",
};

/** Onsets, longest first so "ngh" wins over "ng" and "n". */
const ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split(" ").concat("");

/** Every rhyme without its tone (after an onset other than qu/gi, where the spelling differs). */
const RHYMES = new Set(
  (
    "a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây " +
    "e ec em en eng eo ep et ê êch êm ên ênh êp êt êu " +
    "i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu y yêm yên yêt yêu " +
    "o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong ooc oong op ot " +
    "ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt " +
    "u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ up ut uy uya uych uyên uyêt uynh uyt uyu uôc uôi uôm uôn uông uôt " +
    "ư ưa ưc ưi ưm ưn ưng ưu ươc ươi ươm ươn ương ươp ươt ươu ưt"
  ).split(" "),
);

/** Rhymes ending in a stop take only the rising (sắc) or falling-glottal (nặng) tone. */
const STOP = /(?:p|t|c|ch)$/;

function rhymeValid(onset: string, rhyme: string): boolean {
  if (onset === "qu")
    return rhyme !== "" && !/^[uư]/.test(rhyme) && (RHYMES.has(`o${rhyme}`) || RHYMES.has(`u${rhyme}`));
  if (onset === "gi") return RHYMES.has(rhyme) || RHYMES.has(`i${rhyme}`) || rhyme === "";
  if (!RHYMES.has(rhyme)) return false;
  // k, gh, ngh only before front vowels; c, g, ng never there.
  const front = /^[ieêy]/.test(rhyme);
  if (onset === "k" || onset === "gh" || onset === "ngh") return front;
  if ((onset === "c" || onset === "ng") && front) return false;
  if (onset === "g" && front && !rhyme.startsWith("i")) return false;
  // "y" opens a rhyme only without an onset or after u ("uyên"): "tyên" is no spelling.
  if (/^y/.test(rhyme) && onset !== "") return rhyme === "y" && /^(?:h|k|l|m|t|s|v|qu)$/.test(onset);
  return true;
}

/** Splits a lower-case, toneless syllable into onset and rhyme (the first split that is valid). */
function split(base: string): Array<[string, string]> {
  return ONSETS.filter((o) => base.startsWith(o)).map((o) => [o, base.slice(o.length)] as [string, string]);
}

/** The syllable's tone name and its letters without the tone ("quyết" → ["sac", "quyêt"]). */
export function toneOf(word: string): { tone: string; base: string } | undefined {
  const nfd = word.toLowerCase().normalize("NFD");
  const marks = nfd.match(TONES) ?? [];
  if (marks.length > 1) return undefined;
  return { tone: marks[0] ? TONE_OF[marks[0]]! : "ngang", base: nfd.replace(TONES, "").normalize("NFC") };
}

/** True when `word` (any case) is one well-formed Vietnamese syllable. */
export function isValidSyllable(word: string): boolean {
  if (!/^\p{L}+$/u.test(word)) return false;
  const t = toneOf(word);
  if (!t || !/^[a-zăâđêôơư]+$/.test(t.base)) return false;
  const stop = STOP.test(t.base);
  if (stop && t.tone !== "sac" && t.tone !== "nang") return false;
  return split(t.base).some(([onset, rhyme]) =>
    rhyme !== "" || onset === "gi" ? rhymeValid(onset, rhyme) : false,
  );
}
