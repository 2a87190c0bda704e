/** The university admissions site of the assistant's case study (examples/university/site). */
export const UNIVERSITY_ORIGIN = 'https://university.example';

export interface SitePage {
  path: string;
  title: string;
}

const page = (path: string, title: string): SitePage => ({ path, title });

export const HOME = page('/index.html', 'Al Akhawayn University');
export const GENERAL = [
  HOME,
  page('/news.html', 'News'),
  page('/campus-life.html', 'Campus life'),
  page('/admissions/requirements.html', 'Admission requirements'),
  page('/admissions/apply-now.html', 'Apply now'),
];
export const LEVELS = {
  undergraduates: {
    list: page('/admissions/undergraduates.html', 'Undergraduate programmes'),
    programmes: [
      page('/admissions/undergraduates/programs/business-administration.html', 'BBA'),
      page('/admissions/undergraduates/programs/computer-science.html', 'Computer Science'),
      page('/admissions/undergraduates/programs/engineering.html', 'Engineering'),
    ],
    fees: page('/admissions/undergraduates/tuition-fees.html', 'Undergraduate tuition fees'),
    tests: page('/admissions/undergraduates/tests.html', 'Undergraduate admission tests'),
  },
  graduates: {
    list: page('/admissions/graduates.html', 'Graduate programmes'),
    programmes: [
      page('/admissions/graduates/programs/mba.html', 'MBA'),
      page('/admissions/graduates/programs/human-resource-development.html', 'MA HRD'),
    ],
    fees: page('/admissions/graduates/tuition-fees.html', 'Graduate tuition fees'),
    tests: page('/admissions/graduates/tests.html', 'Graduate admission tests'),
  },
};
export const SCHOLARSHIPS = [
  page('/admissions/aid-scholarships/index.html', 'Financial aid and scholarships'),
  page('/admissions/aid-scholarships/merit.html', 'Merit scholarships'),
  page('/admissions/aid-scholarships/need-based.html', 'Need-based aid'),
  page('/admissions/aid-scholarships/athletics.html', 'Athletic scholarships'),
  page('/admissions/aid-scholarships/apply.html', 'Apply for aid'),
];
