export interface Site {
  key: string;
  name: string;
  origins: string[];
  scrubParams?: string[];
  pathsIgnoreCase?: boolean;
  createdAt: number;
}
