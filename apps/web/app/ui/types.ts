export interface Site {
  key: string;
  name: string;
  origins: string[];
  createdAt: number;
}
