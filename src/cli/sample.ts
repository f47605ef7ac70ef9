/**
 * The built-in sample the default job counts: a little of everything a tokenizer meets —
 * English prose, code, numbers, whitespace runs, several scripts, emoji with ZWJ sequences.
 * Written for toklab; no third-party text.
 */
export const SAMPLE_TEXT = [
  "Tokenizers decide what a language model sees. The same sentence can cost three tokens in one",
  "vocabulary and nine in another, and that difference shows up in prices, context limits and speed.",
  "",
  "def count_tokens(text: str, limit: int = 4096) -> bool:",
  "    # 1234567 + 89 = 1234656; 3.14159 ≈ π",
  "    return len(encode(text)) <= limit",
  "",
  "Les modèles de langue découpent le texte en morceaux. Die Zerlegung hängt von der Sprache ab.",
  "Языковые модели видят текст как последовательность токенов.",
  "言語モデルはテキストをトークンの列として扱います。分词器决定了模型看到什么。",
  "토크나이저는 텍스트를 조각으로 나눕니다. นักพัฒนาใช้ตัวตัดคำเพื่อแบ่งข้อความ",
  "מודלים של שפה רואים טקסט כרצף של אסימונים. تقسم النماذج اللغوية النص إلى رموز.",
  "Emoji: 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 — and        runs of spaces,\ttabs,\r\nand line ends.",
  "",
].join("\n");
