// The page side of the controls cells make: reading and setting the value of a drawn control (baked
// or live), and keeping a cell's controls in place across its runs, so a slider being dragged is the
// same element from the first run to the last.
import { acceptsValue, formatControlValue, nearestPosition, rangeValues, sameValue, type ControlSpec, type ControlValue } from "../controls.ts";
import type { ControlOutput } from "../protocol.ts";
import { renderControl } from "../render.ts";

/** The values a slider's positions stand for, computed once per element. */
const positions = new WeakMap<HTMLElement, number[]>();

export function specOf(control: HTMLElement): ControlSpec {
  return JSON.parse(control.dataset.spec ?? "null") as ControlSpec;
}

export function keyOf(control: HTMLElement): number {
  return Number(control.dataset.key);
}

export function controlsIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(":scope > .nb-control")];
}

function rangePositions(control: HTMLElement, spec: Extract<ControlSpec, { type: "range" }>): number[] {
  let values = positions.get(control);
  if (!values) positions.set(control, (values = rangeValues(spec)));
  return values;
}

/** The value the control shows now; null while a number box holds something it does not accept. */
export function readControl(control: HTMLElement): ControlValue | null {
  const spec = specOf(control);
  const input = control.querySelector<HTMLInputElement>("input, select, button");
  switch (spec.type) {
    case "range":
      return rangePositions(control, spec)[Number((input as HTMLInputElement).value)];
    case "number": {
      const box = input as HTMLInputElement;
      return box.value !== "" && box.checkValidity() && acceptsValue(spec, box.valueAsNumber) ? box.valueAsNumber : null;
    }
    case "select":
      return (control.querySelector("select") as HTMLSelectElement).value;
    case "radio":
      return control.querySelector<HTMLInputElement>("input:checked")?.value ?? spec.value;
    case "checkbox":
      return [...control.querySelectorAll<HTMLInputElement>("input:checked")].map((box) => box.value);
    case "toggle":
      return (input as HTMLInputElement).checked;
    case "button":
      return Number(control.dataset.clicks ?? 0);
  }
}

/** Shows `value` in the control (and its readout) without firing events. */
export function writeControl(control: HTMLElement, value: ControlValue): void {
  const spec = specOf(control);
  const readout = control.querySelector("output");
  if (readout) readout.textContent = formatControlValue(spec, value);
  switch (spec.type) {
    case "range": {
      const slider = control.querySelector("input") as HTMLInputElement;
      slider.value = String(nearestPosition(rangePositions(control, spec), value as number));
      slider.setAttribute("aria-valuetext", formatControlValue(spec, value));
      return;
    }
    case "number":
      (control.querySelector("input") as HTMLInputElement).value = String(value);
      return;
    case "select":
      (control.querySelector("select") as HTMLSelectElement).value = value as string;
      return;
    case "radio":
    case "checkbox":
      for (const box of control.querySelectorAll<HTMLInputElement>("input")) box.checked = Array.isArray(value) ? value.includes(box.value) : box.value === value;
      return;
    case "toggle":
      (control.querySelector("input") as HTMLInputElement).checked = value as boolean;
      return;
    case "button":
      control.dataset.clicks = String(value);
      return;
  }
}

/** A reader's action on a control (an input or click event on `target`): the new value, the readout updated. */
export function controlEvent(target: HTMLElement, type: string): { control: HTMLElement; value: ControlValue } | null {
  const control = target.closest<HTMLElement>(".nb-control");
  if (!control || (target as HTMLInputElement).disabled) return null;
  if (type === "click") {
    if (!(target instanceof HTMLButtonElement)) return null;
    control.dataset.clicks = String(Number(control.dataset.clicks ?? 0) + 1);
  } else if (control.classList.contains("nb-control-button")) return null;
  const value = readControl(control);
  if (value === null) {
    control.querySelector("input")?.setAttribute("aria-invalid", "true");
    return null;
  }
  control.querySelector("input")?.removeAttribute("aria-invalid");
  writeControl(control, value);
  return { control, value };
}

/** Enables baked controls once the runtime listens to them. */
export function enableControls(container: HTMLElement): void {
  for (const element of container.querySelectorAll<HTMLInputElement>("[disabled]")) element.disabled = false;
}

/**
 * A run's control into the cell's control area. A control whose spec is unchanged keeps its element
 * (focus, a drag in progress): while the reader has a value of their own (`readerValue`) the element is
 * theirs, else it shows the value the cell got. A new or changed control is drawn afresh, in key order.
 */
export function placeControl(container: HTMLElement, output: ControlOutput, cellIndex: number, readerValue: ControlValue | undefined): void {
  const existing = controlsIn(container).find((control) => keyOf(control) === output.key);
  if (existing && existing.dataset.spec === JSON.stringify(output.spec)) {
    const shown = readControl(existing);
    if (readerValue === undefined && (shown === null || !sameValue(shown, output.value))) writeControl(existing, output.value);
    return;
  }
  const html = renderControl(output, cellIndex, true);
  if (existing) {
    existing.outerHTML = html;
    return;
  }
  const after = controlsIn(container).filter((control) => keyOf(control) < output.key).pop();
  if (after) after.insertAdjacentHTML("afterend", html);
  else container.insertAdjacentHTML("afterbegin", html);
}

/** Removes the controls a run no longer made (keys from `count` on). */
export function pruneControls(container: HTMLElement, count: number): void {
  for (const control of controlsIn(container)) if (keyOf(control) >= count) control.remove();
}
