import { render } from "preact";
import "./styles.css";
import { App } from "./views/App";

// Theme: light, dark or the system's; saved per browser.
const theme = localStorage.getItem("hallway.theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;

render(<App />, document.getElementById("app")!);
