/* Entry module of the result page: panes and tabs, and the references (in the stems
 * and "where the answer is found") that highlight booklet lines.
 */
import { initReferences } from "./references.js";
import { initTabs } from "./tabs.js";

initTabs();
initReferences();
