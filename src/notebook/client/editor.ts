// CodeMirror 6 for a cell, loaded (as its own chunk) only when the reader starts editing.
// Shift+Enter runs the cell; Escape leaves the editor (Tab indents, so Escape is the way out); every
// change is reported (the page saves the reader's code).
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, drawSelection, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";
import { cellHighlighter } from "../highlight.ts";

export interface CellEditor {
  value(): string;
  setValue(text: string): void;
  focus(): void;
}

export function createEditor(parent: HTMLElement, doc: string, label: string, actions: { run(): void; leave(): void; change(): void }): CellEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        javascript({ typescript: true }),
        syntaxHighlighting(cellHighlighter),
        keymap.of([
          { key: "Shift-Enter", run: () => (actions.run(), true) },
          { key: "Escape", run: () => (actions.leave(), true) },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) actions.change();
        }),
      ],
    }),
  });
  return {
    value: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
