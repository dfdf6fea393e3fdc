<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>BatchResult</name>
    <message numerus="yes">
        <source>{done} of %n document(s) posted; refused:</source>
        <translation>
            <numerusform>Проведено {done} из %n документа; отказано:</numerusform>
            <numerusform>Проведено {done} из %n документов; отказано:</numerusform>
            <numerusform>Проведено {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unposted; refused:</source>
        <translation>
            <numerusform>Отменено проведение {done} из %n документа; отказано:</numerusform>
            <numerusform>Отменено проведение {done} из %n документов; отказано:</numerusform>
            <numerusform>Отменено проведение {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>Помечено на удаление {done} из %n документа; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n документов; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unmarked; refused:</source>
        <translation>
            <numerusform>Снята пометка удаления с {done} из %n документа; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n документов; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>Помечено на удаление {done} из %n элемента; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n элементов; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n элементов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) unmarked; refused:</source>
        <translation>
            <numerusform>Снята пометка удаления с {done} из %n элемента; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n элементов; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n элементов; отказано:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateDialog</name>
    <message>
        <source>First start</source>
        <translation>Первый запуск</translation>
    </message>
    <message>
        <source>There are no infobases yet. Create one on this computer to start working; connections to a server can be added later in the list of infobases.</source>
        <translation>Информационных баз пока нет. Создайте базу на этом компьютере, чтобы начать работу; подключения к серверу можно добавить позже в списке информационных баз.</translation>
    </message>
    <message>
        <source>With &amp;demo data (a small trading company to explore)</source>
        <translation>С &amp;демо-данными (небольшая торговая компания для знакомства)</translation>
    </message>
    <message>
        <source>&amp;Empty (to enter your own company)</source>
        <translation>&amp;Пустая (для ввода данных своей компании)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Содержимое</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Каталог:</translation>
    </message>
    <message>
        <source>&amp;Create and open</source>
        <translation>&amp;Создать и открыть</translation>
    </message>
    <message>
        <source>&amp;Other options…</source>
        <translation>&amp;Другие варианты…</translation>
    </message>
    <message>
        <source>Show the list of infobases, e.g. to connect to a server</source>
        <translation>Показать список информационных баз, например чтобы подключиться к серверу</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Edit infobase</source>
        <translation>Изменение информационной базы</translation>
    </message>
    <message>
        <source>Add infobase</source>
        <translation>Добавление информационной базы</translation>
    </message>
    <message>
        <source>On &amp;this computer (embedded)</source>
        <translation>На &amp;этом компьютере (встроенная)</translation>
    </message>
    <message>
        <source>On a &amp;server</source>
        <translation>На &amp;сервере</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>server name or address</source>
        <translation>имя или адрес сервера</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>Где:</translation>
    </message>
    <message>
        <source>Embedded infobase</source>
        <translation>Встроенная информационная база</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Каталог:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>С&amp;ервер:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host and the database name.</source>
        <translation>Укажите сервер и имя базы данных.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Copy details</source>
        <translation>Копировать подробности</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Что-то пошло не так: {error}</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <source>B&amp;rowse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Browse for the {what}</source>
        <translation>Выбрать: {what}</translation>
    </message>
    <message>
        <source>Folder of the infobase</source>
        <translation>Каталог информационной базы</translation>
    </message>
</context>
<context>
    <name>FormErrors</name>
    <message>
        <source>No {field} is named “{text}”</source>
        <translation>Нет значения «{text}» (поле «{field}»)</translation>
    </message>
    <message>
        <source>Line {n}: choose a {field} from the list</source>
        <translation>Строка {n}: выберите значение поля «{field}» из списка</translation>
    </message>
    <message>
        <source>Some references do not name an item: choose them (F4).</source>
        <translation>Некоторые ссылки не указывают на элемент: выберите их (F4).</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
</context>
<context>
    <name>Infobases</name>
    <message>
        <source>My company</source>
        <translation>Моя компания</translation>
    </message>
    <message>
        <source>{database} on {server}</source>
        <translation>{database} на {server}</translation>
    </message>
    <message>
        <source>The infobase list {path} cannot be read: {error}</source>
        <translation>Не удалось прочитать список информационных баз {path}: {error}</translation>
    </message>
    <message>
        <source>Enter a name for the infobase.</source>
        <translation>Укажите имя информационной базы.</translation>
    </message>
    <message>
        <source>The name is too long (at most {count} characters).</source>
        <translation>Имя слишком длинное (не более {count} символов).</translation>
    </message>
    <message>
        <source>The name cannot contain line breaks or control characters.</source>
        <translation>Имя не может содержать переводы строк и управляющие символы.</translation>
    </message>
    <message>
        <source>There is already an infobase named “{name}”.</source>
        <translation>Информационная база «{name}» уже есть.</translation>
    </message>
    <message>
        <source>Unknown infobase kind {kind}.</source>
        <translation>Неизвестный вид информационной базы {kind}.</translation>
    </message>
    <message>
        <source>Enter the server address of the infobase.</source>
        <translation>Укажите адрес сервера информационной базы.</translation>
    </message>
    <message>
        <source>Enter the folder of the infobase.</source>
        <translation>Укажите каталог информационной базы.</translation>
    </message>
    <message>
        <source>There is no infobase named “{name}”.</source>
        <translation>Информационной базы «{name}» нет.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>It was kept as {file}.</source>
        <translation>Он сохранён как {file}.</translation>
    </message>
    <message>
        <source>It was left as it is.</source>
        <translation>Он оставлен как есть.</translation>
    </message>
    <message>
        <source>{error}

{kept} Starting with an empty list.</source>
        <translation>{error}

{kept} Работа начнётся с пустого списка.</translation>
    </message>
</context>
<context>
    <name>LauncherDialog</name>
    <message>
        <source>Infobases</source>
        <translation>Информационные базы</translation>
    </message>
    <message>
        <source>&amp;Infobases:</source>
        <translation>&amp;Информационные базы:</translation>
    </message>
    <message>
        <source>No infobases yet: add one with “Add…”.</source>
        <translation>Информационных баз пока нет: добавьте базу кнопкой «Добавить…».</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>server</source>
        <translation>сервер</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>на этом компьютере</translation>
    </message>
    <message>
        <source>{name} — {kind}: {where}</source>
        <translation>{name} — {kind}: {where}</translation>
    </message>
    <message>
        <source>Remove “{name}” from the list?

Only the list entry is removed; the database on the server is kept.</source>
        <translation>Удалить «{name}» из списка?

Удаляется только строка списка; база данных на сервере сохранится.</translation>
    </message>
    <message>
        <source>Remove “{name}” from the list?

Only the list entry is removed; the folder {folder} is kept.</source>
        <translation>Удалить «{name}» из списка?

Удаляется только строка списка; каталог {folder} сохранится.</translation>
    </message>
    <message>
        <source>Remove infobase</source>
        <translation>Удаление информационной базы</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>No {field} is named “{name}”</source>
        <translation>Нет значения «{name}» (поле «{field}»)</translation>
    </message>
    <message>
        <source>{field}: “{text}” is not a number</source>
        <translation>{field}: «{text}» — не число</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <source>Could not load the list: {error}</source>
        <translation>Не удалось загрузить список: {error}</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Not posted</source>
        <translation>Не проведён</translation>
    </message>
    <message>
        <source>Marked for deletion</source>
        <translation>Помечен на удаление</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — {name}</source>
        <translation>Вход — {name}</translation>
    </message>
    <message>
        <source>Infobase: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{where}</source>
        <translation>Информационная база: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{where}</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>the default infobase</source>
        <translation>информационная база по умолчанию</translation>
    </message>
    <message>
        <source>Could not open the infobase: {reason}</source>
        <translation>Не удалось открыть информационную базу: {reason}</translation>
    </message>
    <message>
        <source>--open: no document type {name}</source>
        <translation>--open: нет вида документа {name}</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Password of {user} for {infobase}:</source>
        <translation>Пароль пользователя {user} для {infobase}:</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Hide the message</source>
        <translation>Скрыть сообщение</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Информация</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <source>A new language takes effect after a restart.</source>
        <translation>Новый язык начнёт действовать после перезапуска.</translation>
    </message>
    <message>
        <source>The new language takes effect when Kontora is started again.</source>
        <translation>Новый язык начнёт действовать при следующем запуске Конторы.</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>С&amp;ервис</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <source>Opening {name}</source>
        <translation>Открывается {name}</translation>
    </message>
    <message>
        <source>Opening the infobase</source>
        <translation>Открытие информационной базы</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Creating the infobase…</source>
        <translation>Создание информационной базы…</translation>
    </message>
    <message>
        <source>Updating the infobase structure…</source>
        <translation>Обновление структуры информационной базы…</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Запуск сервера…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Загрузка демонстрационных данных…</translation>
    </message>
    <message>
        <source>Checking the infobase…</source>
        <translation>Проверка информационной базы…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>is required</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <source>{owner}, {table} line {n}</source>
        <translation>{owner}, {table}, строка {n}</translation>
    </message>
    <message>
        <source>The connection to the server was lost; the operation was not confirmed. Try again: nothing is duplicated. ({reason})</source>
        <translation>Соединение с сервером потеряно; операция не подтверждена. Повторите её: ничего не задвоится. ({reason})</translation>
    </message>
    <message>
        <source>Cannot reach the server; nothing was sent. ({reason})</source>
        <translation>Сервер недоступен; ничего не отправлено. ({reason})</translation>
    </message>
    <message>
        <source>{object}: {field} {problem} (got {value})</source>
        <translation>{object}: поле «{field}» {problem} (введено {value})</translation>
    </message>
    <message>
        <source>Not enough {register} ({resource}) on {at} for {key}: {amounts}</source>
        <translation>Недостаточно {register} ({resource}) на {at} для {key}: {amounts}</translation>
    </message>
    <message>
        <source>asked {asked}, available {available} (short by {short})</source>
        <translation>требуется {asked}, доступно {available} (не хватает {short})</translation>
    </message>
    <message>
        <source>the balance would fall to {balance}</source>
        <translation>остаток стал бы {balance}</translation>
    </message>
    <message>
        <source>{title} «{name}»</source>
        <translation>{title} «{name}»</translation>
    </message>
    <message>
        <source>{object} {number} dated {date} is in the closed period (closed up to {lock}); it cannot be changed, posted or unposted.</source>
        <translation>{object} {number} от {date} попадает в закрытый период (закрыт по {lock}); его нельзя изменить, провести или отменить проведение.</translation>
    </message>
    <message>
        <source>{object} belongs to the switched-off subsystem &quot;{subsystem}&quot;; an administrator can switch it on.</source>
        <translation>{object} относится к отключённой подсистеме «{subsystem}»; включить её может администратор.</translation>
    </message>
    <message>
        <source>The data is being posted by {holder}; waited {seconds} s. Try again when it finishes.</source>
        <translation>Данные сейчас проводит {holder}; ожидание {seconds} с. Повторите, когда проведение закончится.</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>другой пользователь</translation>
    </message>
    <message>
        <source>{object} {number}</source>
        <translation>{object} {number}</translation>
    </message>
    <message>
        <source>Permission denied: {reason}</source>
        <translation>Недостаточно прав: {reason}</translation>
    </message>
    <message>
        <source>Invalid value: {reason}</source>
        <translation>Недопустимое значение: {reason}</translation>
    </message>
    <message>
        <source>The connection to the server was lost ({reason}); nothing was saved.</source>
        <translation>Соединение с сервером потеряно ({reason}); ничего не записано.</translation>
    </message>
    <message>
        <source>{table}: {column} must be a finite number within range, with no more decimals than allowed</source>
        <translation>{table}: {column} — должно быть конечное число в допустимых пределах и не больше разрешённого числа знаков после запятой</translation>
    </message>
    <message>
        <source>{table}: {column} must be greater than zero</source>
        <translation>{table}: {column} — должно быть больше нуля</translation>
    </message>
    <message>
        <source>{table}: {column} must not be negative</source>
        <translation>{table}: {column} — не может быть отрицательным</translation>
    </message>
    <message>
        <source>{table}: {column} is too long</source>
        <translation>{table}: {column} — слишком длинное значение</translation>
    </message>
    <message>
        <source>{table}: {column} must not be empty</source>
        <translation>{table}: {column} — не может быть пустым</translation>
    </message>
    <message>
        <source>{table}: {column} is out of range</source>
        <translation>{table}: {column} — вне допустимых пределов</translation>
    </message>
    <message>
        <source>{table}: {column} is required for an item</source>
        <translation>{table}: {column} — обязательно для элемента</translation>
    </message>
    <message>
        <source>{table}: a value breaks rule {name}</source>
        <translation>{table}: значение нарушает правило {name}</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>не может быть пустым</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>должно быть текстом</translation>
    </message>
    <message>
        <source>must not contain NUL characters</source>
        <translation>не может содержать символы NUL</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {max_len}</source>
        <translation>имеет длину {length} символов; допустимо не более {max_len}</translation>
    </message>
    <message>
        <source>must be an exact decimal, not a float</source>
        <translation>должно быть точным десятичным числом, а не float</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>не является числом</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>должно быть конечным числом</translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation>должно быть меньше {limit}</translation>
    </message>
    <message>
        <source>allows at most {scale} decimals</source>
        <translation>допускает не более {scale} знаков после запятой</translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation>должно быть больше нуля</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>не может быть отрицательным</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>должно быть целым числом</translation>
    </message>
    <message>
        <source>must be between {minimum} and {maximum}</source>
        <translation>должно быть от {minimum} до {maximum}</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>должно быть «да» или «нет»</translation>
    </message>
    <message>
        <source>is not a date (YYYY-MM-DD)</source>
        <translation>не является датой (ГГГГ-ММ-ДД)</translation>
    </message>
    <message>
        <source>must reference a {target} item</source>
        <translation>должно ссылаться на элемент справочника {target}</translation>
    </message>
    <message>
        <source>must start with a letter and contain only a-z, 0-9 and _ (at most 63)</source>
        <translation>должно начинаться с буквы и содержать только a-z, 0-9 и _ (не более 63 символов)</translation>
    </message>
    <message>
        <source>is reserved</source>
        <translation>зарезервировано</translation>
    </message>
    <message>
        <source>must be one of {roles}</source>
        <translation>должно быть одним из: {roles}</translation>
    </message>
    <message>
        <source>Not connected to the server: reconnecting. Nothing was sent and your input is kept; try again when the connection is restored.</source>
        <translation>Нет соединения с сервером: идёт переподключение. Ничего не отправлено, введённые данные сохранены; повторите, когда соединение восстановится.</translation>
    </message>
</context>
<context>
    <name>meta</name>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>Основное</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>Закупки</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation>Зарплата</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Финансы</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Единицы измерения</translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation>Поиск по наименованию или коду</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>Знаков после запятой</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Единица измерения</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <source>Minimum stock</source>
        <translation>Минимальный остаток</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Склады</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>Поступление товаров</translation>
    </message>
    <message>
        <source>Search by number</source>
        <translation>Поиск по номеру</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation>Списание товаров</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Sales shipment</source>
        <translation>Реализация товаров</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Остатки товаров</translation>
    </message>
    <message>
        <source>Stock balance</source>
        <translation>Остатки товаров</translation>
    </message>
    <message>
        <source>Search by warehouse or product</source>
        <translation>Поиск по складу или номенклатуре</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Sales balance</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Search by customer or product</source>
        <translation>Поиск по покупателю или номенклатуре</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>остатков товаров</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>продаж</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Цены</translation>
    </message>
</context>
</TS>
