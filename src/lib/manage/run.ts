/**
 * Runs one management command on a content folder: load, plan, check the result, write.
 *
 * The result is checked twice before anything is written: the edited YAML against its
 * schema (fast, precise), then the whole folder loaded with the change applied to a
 * temporary copy (cross-file rules: replacements, gateway links, products without
 * versions). Only problems the change introduces block it. Returns the lines to print
 * and the exit code; printing is the CLI's business.
 */
import path from 'node:path';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { globDir, openContentFolder } from '../content/content-files.ts';
import { loadContent } from '../content/load-content.ts';
import type { ContentChange } from './content-change.ts';
import { applyChange, ChangedOnDiskError, withChangeStaged } from './content-change.ts';
import type { ChangePlan, ManageContext, Plan, Refusal } from './plan.ts';
import { newDiagnostics, schemaErrors } from './validate.ts';

export interface ManageOutcome {
  /** 0 done (or nothing to do), 1 refused for the content's sake, 2 bad usage. */
  exit: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
  /** For exit 2: the usage problem, which the CLI reports as such. */
  usage?: string;
}

/**
 * @param root    the content folder (absolute or relative to the working directory)
 * @param command how the command is named in messages, e.g. `atrium version promote`
 * @param plan    decides the change from the loaded content
 */
export async function runManage(root: string, command: string, plan: (ctx: ManageContext) => Promise<Plan>): Promise<ManageOutcome> {
  const folder = await openContentFolder(root);
  if ('problem' in folder) return { exit: 2, stdout: [], stderr: [], usage: folder.problem };
  const model = await loadContent(folder.root);
  const ctx: ManageContext = {
    model,
    read: (file) => folder.readText(file),
    list: (dir) => folder.list([`${globDir(dir)}/**/*`]),
  };

  const decided = await plan(ctx);
  if (decided.kind === 'refused') return refused(command, decided);
  if (decided.kind === 'unchanged') return { exit: 0, stdout: [decided.summary], stderr: [] };

  const schemaProblems = changedFileErrors(decided.change);
  if (schemaProblems.length > 0) return blocked(command, schemaProblems);

  const after = await withChangeStaged(folder.root, decided.change, (staged) => loadContent(staged));
  const introduced = newDiagnostics(model.diagnostics, after.diagnostics);
  const errors = introduced.filter((d) => d.severity === 'error' && !decided.expected?.(d));
  if (errors.length > 0) return blocked(command, errors);

  try {
    await applyChange(folder.root, decided.change);
  } catch (error) {
    const message = error instanceof ChangedOnDiskError ? error.message : `could not write: ${(error as Error).message}; nothing was changed`;
    return { exit: 1, stdout: [], stderr: [`${command}: ${message}`] };
  }
  return { exit: 0, stdout: [decided.summary], stderr: afterwords(decided, introduced, after.diagnostics) };
}

function refused(command: string, refusal: Refusal): ManageOutcome {
  const details = refusal.details ?? [];
  if (refusal.exit === 2) return { exit: 2, stdout: details, stderr: [], usage: refusal.message };
  const diagnostic: Diagnostic = {
    severity: 'error',
    message: refusal.message,
    ...(refusal.file === undefined ? {} : { file: refusal.file }),
    ...(refusal.line === undefined ? {} : { line: refusal.line, column: refusal.column ?? 1 }),
  };
  return { exit: 1, stdout: details, stderr: [formatDiagnostic(diagnostic), `${command}: nothing was changed`] };
}

function blocked(command: string, errors: Diagnostic[]): ManageOutcome {
  return {
    exit: 1,
    stdout: [],
    stderr: [
      ...sortDiagnostics(errors).map(formatDiagnostic),
      `${command}: refused, the result would not be valid content (${errors.length} error(s) above); nothing was changed`,
    ],
  };
}

/** Schema errors the change adds to the YAML files it writes. */
function changedFileErrors(change: ContentChange): Diagnostic[] {
  if (change.kind === 'edit-file') return newDiagnostics(schemaErrors(change.file, change.before), schemaErrors(change.file, change.after));
  if (change.kind === 'new-folder') {
    return Object.entries(change.files).flatMap(([rel, text]) => schemaErrors(path.posix.join(change.dir, rel), text));
  }
  return [];
}

/** After a write: warnings the change brought, hints, and a word on errors that were there before and remain. */
function afterwords(plan: ChangePlan, introduced: Diagnostic[], after: Diagnostic[]): string[] {
  const lines = sortDiagnostics(introduced.filter((d) => d.severity === 'warning')).map(formatDiagnostic);
  lines.push(...(plan.notes ?? []));
  const existing = after.filter((d) => d.severity === 'error').length - introduced.filter((d) => d.severity === 'error').length;
  if (existing > 0) lines.push(`note: the content folder already had ${existing} error(s) this command did not touch; \`atrium check\` lists them`);
  return lines;
}
