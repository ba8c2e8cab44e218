/** A comment as readers and the API see it: no e-mail, no IP hash, no session. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  threadId: number;
  depth: number;
  /** Sanitised HTML of the text; empty for removed comments. */
  html: string;
  author: { name: string; isAuthor: boolean; isStaff: boolean };
  likes: number;
  createdAt: string;
  editedAt: string | null;
  status: string;
  /** False for a removed comment that stays as a placeholder for its replies. */
  visible: boolean;
  [key: string]: unknown;
}
