/** Name stock for the generator: common UK names plus the accents, apostrophes and hyphens real data has. */

export const FEMALE_GIVEN: readonly string[] = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Mia', 'Poppy', 'Ella', 'Lily',
  'Jessica', 'Sarah', 'Emma', 'Charlotte', 'Hannah', 'Lucy', 'Rebecca', 'Laura', 'Rachel', 'Helen',
  'Susan', 'Margaret', 'Patricia', 'Elizabeth', 'Joanne', 'Claire', 'Karen', 'Nicola', 'Gemma',
  'Zoë', 'Chloé', 'Renée', 'Siân', 'Niamh', 'Aoife', 'Saoirse', 'Priya', 'Aisha', 'Fatima',
  'Agnieszka', 'Oluwaseun', 'Mei', 'Anne-Marie', 'Mary-Jane', 'Eilidh', 'Ffion', 'Bethan',
]

export const MALE_GIVEN: readonly string[] = [
  'Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Oscar', 'Charlie', 'Jacob',
  'Thomas', 'James', 'William', 'Daniel', 'Matthew', 'David', 'Michael', 'Paul', 'Mark', 'Andrew',
  'Richard', 'Stephen', 'Peter', 'John', 'Robert', 'Christopher', 'Gareth', 'Rhys', 'Dafydd',
  'Seán', 'Ciarán', 'Eoin', 'José', 'Łukasz', 'Wojciech', 'Mohammed', 'Muhammad', 'Arjun',
  'Rajesh', 'Chukwuemeka', 'Tomás', 'Jean-Luc', 'Hamish', 'Callum', 'Declan', 'Kwame',
]

/** Short forms people use on a second sign-up: the near-duplicate generator swaps these in. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  William: 'Bill', Robert: 'Bob', Richard: 'Dick', Michael: 'Mike', Christopher: 'Chris',
  Thomas: 'Tom', James: 'Jim', Daniel: 'Dan', Matthew: 'Matt', Andrew: 'Andy', Stephen: 'Steve',
  Elizabeth: 'Liz', Margaret: 'Maggie', Patricia: 'Pat', Jessica: 'Jess', Rebecca: 'Becky',
  Charlotte: 'Lottie', Susan: 'Sue', David: 'Dave', Peter: 'Pete', Nicola: 'Nicky', Zoë: 'Zoe',
  Chloé: 'Chloe', Renée: 'Renee', Siân: 'Sian', Seán: 'Sean', Ciarán: 'Ciaran', José: 'Jose',
  Łukasz: 'Lukasz', Tomás: 'Tomas',
}

export const FAMILY_NAMES: readonly string[] = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green',
  'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan',
  'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young',
  'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell',
  'Shaw', 'Murphy', 'Miller', 'Cox', 'Khan', 'Singh', 'Begum', 'Ali', 'Hussain', 'Ahmed',
  "O'Brien", "O'Connor", "O'Neill", 'McDonald', 'MacLeod', 'McGregor', 'Nowak', 'Kowalski',
  'Okafor', 'Adeyemi', 'Nguyen', 'Chen', 'Wong', 'Müller', 'Fernández', 'García', 'da Silva',
  'Ó Súilleabháin', 'ap Rhys', 'Brontë', 'Łukaszewski', 'Nørgaard',
]

export const TITLES_FEMALE = ['Mrs', 'Ms', 'Miss', 'Dr', 'Mx'] as const
export const TITLES_MALE = ['Mr', 'Mr', 'Mr', 'Dr', 'Prof', 'Rev', 'Mx'] as const

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 30], ['hotmail.co.uk', 14], ['outlook.com', 10], ['yahoo.co.uk', 8],
  ['btinternet.com', 8], ['icloud.com', 7], ['sky.com', 5], ['live.co.uk', 4], ['aol.com', 2],
  ['virginmedia.com', 4], ['talktalk.net', 3], ['ntlworld.com', 2],
]

/** Lower-case ASCII for email local parts: accents folded, apostrophes and spaces dropped. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z-]/g, '')
}
