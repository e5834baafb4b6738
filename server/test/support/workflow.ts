/** The submission detail the workflow tests read after each step. */
export const DETAIL = `query($id: ID!) { submission(id: $id) {
  id status revision versionCount returnCount reopenCount changesAfterApproval
  versions { id number source contentHash report }
  currentVersion { id previousYearVersionId findings { key rule severity cells justification } }
  comments { cell body versionId }
  auditEvents { action fromStatus toStatus reason }
} }`;

export type Detail = {
  submission: {
    id: string;
    status: string;
    revision: number;
    versionCount: number;
    returnCount: number;
    reopenCount: number;
    changesAfterApproval: number;
    versions: {
      id: string;
      number: number;
      source: string;
      contentHash: string;
      report: { tables: { applications: { newReceived: { natural: number } } } };
    }[];
    currentVersion: {
      id: string;
      previousYearVersionId: string | null;
      findings: {
        key: string;
        rule: string;
        severity: string;
        cells: string[];
        justification: string | null;
      }[];
    };
    comments: { cell: string | null; body: string; versionId: string }[];
    auditEvents: {
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      reason: string | null;
    }[];
  };
};
