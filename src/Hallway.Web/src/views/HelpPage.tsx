import { language, t } from "../i18n";
import { navigate } from "./router";

const En = () => (
  <>
    <h2>Signing in</h2>
    <p>Open the address your school or office gave you (for example <code>http://192.168.1.10:8000</code>) on a phone or computer connected to the same network. Create an account with a username and a password of at least 8 characters, or sign in if you have one. No internet is needed.</p>
    <h2>Starting a chat</h2>
    <p>Press <strong>+</strong> next to “Chats”, type part of a name, and pick the person. To make a group or a channel, tick the people, choose the kind, give it a title and press “Create group” (or “Create channel”: only its admins post there). Click a chat’s title to see its members, rename it, mute it or leave it; your address book is under the person icon next to “Chats”. Everyone is also in the <strong>Lobby</strong>, the chat for the whole building.</p>
    <h2>Writing messages</h2>
    <p><kbd>Enter</kbd> sends, <kbd>Shift</kbd>+<kbd>Enter</kbd> starts a new line. You can use Markdown: <code>**bold**</code>, <code>_italic_</code>, <code>`code`</code>, lists and links. Open the <strong>⋯</strong> menu on a message to reply, react, copy, edit or delete it.</p>
    <h2>Sending photos and files</h2>
    <p>Press the paper clip next to the message box to pick photos or files (up to 10 at once), paste a picture, or drag files onto the conversation. They upload straight away; add a caption if you like and press send. The smiley button opens emoji and stickers; in “Stickers” you can also turn your own picture into a sticker. Set your photo in Settings → Profile.</p>
    <h2>What the ticks mean</h2>
    <p>One tick (✓): the server has your message. Two blue ticks (✓✓): the other person has read it. In groups, the number after the ticks is how many members have read it. “Sending…” means the message has not reached the server yet; if it says “Not sent”, tap it to try again: it will never be sent twice.</p>
    <h2>Privacy</h2>
    <p>Everything stays on your building's server. Only the people in a chat can read it. Administrators can see that chats exist and may read chats only for safeguarding, which is recorded. Sign out of devices you no longer use in Settings → Signed-in devices.</p>
    <p>In Settings → Privacy you choose who can write to you (everyone, or only your contacts) and who can find you in search (everyone, only your contacts, or nobody). Someone who is not allowed to write to you sees that their message was not sent. People in the same groups still see your name there.</p>
    <h2>Two-step sign-in and recovery codes</h2>
    <p>In Settings → Security you can turn on two-step sign-in: scan the QR code with an authenticator app on your phone, and from then on signing in asks for the six-digit code the app shows as well as your password. You also get ten recovery codes: keep them somewhere safe. Each one works once, instead of the app's code, or on the “Forgot your password?” page to set a new password. Lost everything? Your administrator can give you a reset link.</p>
    <h2>Reporting a message</h2>
    <p>If a message is hurtful, frightening or wrong, open its <strong>⋯</strong> menu and choose “Report”. Say what is wrong; the administrators see the message and your reason, and may delete it.</p>
  </>
);

const Ru = () => (
  <>
    <h2>Вход</h2>
    <p>Откройте адрес, который дали в школе или офисе (например, <code>http://192.168.1.10:8000</code>), на телефоне или компьютере в той же сети. Создайте аккаунт с именем пользователя и паролем не короче 8 символов или войдите, если он уже есть. Интернет не нужен.</p>
    <h2>Как начать чат</h2>
    <p>Нажмите <strong>+</strong> рядом с «Чаты», введите часть имени и выберите человека. Чтобы создать группу или канал, отметьте людей, выберите тип, дайте название и нажмите «Создать группу» (или «Создать канал»: в канале пишут только администраторы). Нажмите на название чата, чтобы увидеть участников, переименовать чат, отключить уведомления или выйти; контакты — под значком человека рядом с «Чаты». Все также состоят в <strong>Общем чате</strong> — чате всего здания.</p>
    <h2>Сообщения</h2>
    <p><kbd>Enter</kbd> отправляет, <kbd>Shift</kbd>+<kbd>Enter</kbd> — новая строка. Можно использовать Markdown: <code>**жирный**</code>, <code>_курсив_</code>, <code>`код`</code>, списки и ссылки. Меню <strong>⋯</strong> у сообщения: ответить, реакция, копировать, изменить, удалить.</p>
    <h2>Фото и файлы</h2>
    <p>Нажмите скрепку рядом с полем ввода, чтобы выбрать фото или файлы (до 10 за раз), вставьте картинку из буфера обмена или перетащите файлы в переписку. Они сразу начинают загружаться; при желании добавьте подпись и нажмите «Отправить». Кнопка со смайликом открывает эмодзи и стикеры; во вкладке «Стикеры» можно сделать стикер из своей картинки. Своё фото можно поставить в Настройки → Профиль.</p>
    <h2>Что значат галочки</h2>
    <p>Одна галочка (✓): сообщение на сервере. Две синие (✓✓): собеседник прочитал. В группах число после галочек — сколько участников прочитали. «Отправка…» — сообщение ещё не дошло до сервера; если написано «Не отправлено», нажмите, чтобы повторить: дважды оно не уйдёт.</p>
    <h2>Приватность</h2>
    <p>Всё хранится на сервере вашего здания. Читать чат могут только его участники. Администраторы видят, что чаты существуют, и могут читать их только в целях защиты учащихся, и это записывается в журнал. Выходите с неиспользуемых устройств: Настройки → Устройства со входом.</p>
    <p>В разделе Настройки → Приватность можно выбрать, кто может вам писать (все или только ваши контакты) и кто может найти вас в поиске (все, только контакты или никто). Тот, кому писать нельзя, увидит, что его сообщение не отправлено. Участники общих групп по-прежнему видят там ваше имя.</p>
    <h2>Двухэтапный вход и коды восстановления</h2>
    <p>В разделе Настройки → Безопасность можно включить двухэтапный вход: отсканируйте QR-код приложением-аутентификатором на телефоне, и тогда при входе, кроме пароля, нужно будет ввести шестизначный код из приложения. Вы также получите десять кодов восстановления: храните их в надёжном месте. Каждый работает один раз — вместо кода из приложения или на странице «Забыли пароль?», чтобы задать новый пароль. Потеряли всё? Администратор может выдать ссылку для сброса.</p>
    <h2>Жалоба на сообщение</h2>
    <p>Если сообщение обидное, пугающее или недопустимое, откройте его меню <strong>⋯</strong> и выберите «Пожаловаться». Напишите, что не так: администраторы увидят сообщение и вашу причину и могут его удалить.</p>
  </>
);

export function HelpPage() {
  return (
    <section class="settings help" aria-labelledby="help-title">
      <header class="pane-header">
        <button class="icon-button back" aria-label={t("back")} onClick={() => history.length > 1 ? history.back() : navigate("/")}>‹</button>
        <h1 id="help-title">{t("help")}</h1>
      </header>
      <div class="settings-body">
        <article class="card">{language === "ru" ? <Ru /> : <En />}</article>
      </div>
    </section>
  );
}
