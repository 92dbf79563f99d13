// A compact built-in emoji set for the picker: common ones only, grouped. Plain Unicode, drawn
// by the device's own emoji font, so nothing is downloaded.

import type { Strings } from "../i18n/en";

export interface EmojiGroup {
  label: keyof Strings;
  emoji: string[];
}

const split = (s: string) => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)].map((x) => x.segment).filter((x) => x.trim() !== "");

export const EmojiGroups: EmojiGroup[] = [
  { label: "emojiSmileys", emoji: split("😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘😋😛😜🤪🤗🤔🤨😐😑😶🙄😏😴😎🤓🥳😮😲😳🥺😢😭😤😠😱😬🤯🤒🤧😷") },
  { label: "emojiGestures", emoji: split("👍👎👌✌️🤞🤟🤙👋🙌👏🙏💪🤝✋👊✍️👀🧠") },
  { label: "emojiHearts", emoji: split("❤️🧡💛💚💙💜🖤🤍💔💕💖💯✨🔥⭐🌟💥💤") },
  { label: "emojiNature", emoji: split("🐶🐱🐭🐰🦊🐻🐼🐨🐯🦁🐸🐵🐧🐦🐝🦋🌸🌻🌈☀️🌙⛄🌲🍀") },
  { label: "emojiFood", emoji: split("🍎🍌🍉🍓🍕🍔🍟🌭🥪🌮🍝🍜🍣🍰🎂🍪🍫🍿☕🍵🧃🥤") },
  { label: "emojiThings", emoji: split("🎉🎊🎈🎁🏆⚽🏀🎨🎵🎮📚📖✏️📝📎📌📅⏰💡💻📱📷🔔🚌🚲🏫🏠✅❌❓❗") },
];
