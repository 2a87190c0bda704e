export interface Site {
  key: string;
  name: string;
  origins: string[];
  scrubParams?: string[];
  createdAt: number;
}
