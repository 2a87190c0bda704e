/** The furniture shop of the e-commerce study: its categories and products, prices in EUR. */
export const SHOP_ORIGIN = 'https://shop.example';
export const SHOP_CURRENCY = 'EUR';

export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
}

const CATALOGUE: Record<string, [name: string, price: number][]> = {
  sofas: [
    ['Velvet three-seat sofa', 899],
    ['Corner sofa', 1249],
    ['Sofa bed', 649],
    ['Linen loveseat', 549],
    ['Leather armchair', 429],
  ],
  chairs: [
    ['Accent chair', 249],
    ['Dining chairs (set of 2)', 179],
    ['Office chair', 219],
    ['Rattan lounge chair', 189],
    ['Bar stool', 89],
  ],
  tables: [
    ['Coffee table', 199],
    ['Dining table', 549],
    ['Extendable dining table', 749],
    ['Side table', 79],
    ['Desk', 299],
  ],
  bedroom: [
    ['Bedside table', 119],
    ['Dresser', 399],
    ['Double bed frame', 479],
    ['Wardrobe', 689],
    ['Mattress', 349],
  ],
  storage: [
    ['Bookcase', 159],
    ['TV bench', 199],
    ['Shoe cabinet', 99],
    ['Sideboard', 449],
  ],
  lighting: [
    ['Floor lamp', 89],
    ['Pendant lamp', 69],
    ['Table lamp', 39],
  ],
  decor: [
    ['Wool rug', 229],
    ['Wall mirror', 79],
    ['Cushion covers (set of 4)', 29],
    ['Ceramic vase', 25],
  ],
};

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const CATEGORIES = Object.keys(CATALOGUE);

/** In order of popularity: the first products get most of the views (see zipf). */
export const PRODUCTS: Product[] = Object.entries(CATALOGUE)
  .flatMap(([category, items]) =>
    items.map(([name, price], rank) => ({ id: slug(name), name, category, price, rank })),
  )
  .sort((a, b) => a.rank - b.rank || a.category.localeCompare(b.category))
  .map(({ id, name, category, price }) => ({ id, name, category, price }));

export const productUrl = (product: Product) => `${SHOP_ORIGIN}/products/${product.id}`;
export const categoryUrl = (category: string) => `${SHOP_ORIGIN}/category/${category}`;

export const SEARCHES = [
  'sofa',
  'coffee table',
  'velvet',
  'dining chairs',
  'lamp',
  'bedside table',
  'rug',
  'desk',
  'oak',
  'mirror',
];
